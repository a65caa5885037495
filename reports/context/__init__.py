"""The plain context each PDF report is rendered from.

``plain`` holds the dataclasses (strings and numbers, no ORM objects) that the templates read.
"""
