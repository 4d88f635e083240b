-- Statements that refer to another (StatementRef objects, voiding included), in seq order: the
-- second arm of every filtered statements query walks only these (statement-sql.ts).
CREATE INDEX statements_referring ON statements (seq) WHERE target_statement IS NOT NULL;
