"""Pages of praise, feedback, asks, notes and HR's settings: one module per concept."""
