-- What: drops pulsex.saved_cards.
-- Why: undoes 0007.

DROP TABLE pulsex.saved_cards;
