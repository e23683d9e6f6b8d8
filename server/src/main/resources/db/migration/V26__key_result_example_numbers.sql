-- Marks a key result whose start and target are still a library example's typical numbers, kept
-- on purpose when a draft was accepted. The server clears it when start or target change or when
-- a person confirms the numbers, so a board never shows example numbers as measured ones.
ALTER TABLE key_results ADD COLUMN example_numbers boolean NOT NULL DEFAULT false;
