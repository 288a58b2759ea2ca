-- csdesk workspace, schema version 4: an index that holds everything the CX figures read.
-- NPS, CSAT and CES over a window are a histogram of (type, score) among the responses dated
-- inside it. With (type, score, date) SQLite answers that from this index alone, already in
-- GROUP BY order: a third of the work of reading the table (about 5 MB per 200,000 responses).

CREATE INDEX surveys_type_score_date ON surveys (type, score, date);
