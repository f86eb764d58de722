"""The questions a store answers: each asks the read model for rows and applies the rules."""
