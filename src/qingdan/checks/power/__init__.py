"""Power items (QD101–QD109): codes, the item tree, and the rules of an item's content."""
