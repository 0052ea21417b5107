"""`qingdan province`."""
