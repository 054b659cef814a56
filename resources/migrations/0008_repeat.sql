-- Tandem schema version 8: repeating tasks.
--
-- repeat_rule holds the rule's wire form (domain/json.h repeatJsonText, e.g.
-- {"interval":2,"monthDay":null,"timeZone":"Europe/Berlin","unit":"week","weekdays":["mon","thu"]}),
-- NULL for a task that does not repeat. Completing a repeating task moves its
-- due on and records the instant in last_completed_at (ms since the epoch).
-- Existing tasks repeat nothing and were never completed as an occurrence.
ALTER TABLE tasks ADD COLUMN repeat_rule TEXT;
ALTER TABLE tasks ADD COLUMN last_completed_at BIGINT;
