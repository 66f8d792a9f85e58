"""The hypothesis state machines of test_state_machines.py: the shared checks in base.py, one module a flow."""
