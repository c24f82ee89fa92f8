"""Documents with owners, sharing grants, share links and attribute rules."""
