-- 0011_half_year_code: one spelling of the half year. Task occurrences of
-- semiannual schedules were labelled "2024H1"/"2024H2"; domain/period spells
-- the half year "S" ("2024S1", "2024S2"), which every module now uses.
UPDATE task_occurrence SET period = substr(period, 1, 4) || 'S' || substr(period, 6)
 WHERE length(period) = 6 AND substr(period, 5, 1) = 'H';
UPDATE task_update SET period = substr(period, 1, 4) || 'S' || substr(period, 6)
 WHERE length(period) = 6 AND substr(period, 5, 1) = 'H';
