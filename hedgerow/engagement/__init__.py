"""Community engagement: events, who came, and what residents said at them."""
