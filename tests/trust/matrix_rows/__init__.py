"""The rows of the permission matrix, one module an area; tests/trust/matrix.py joins them into its table."""
