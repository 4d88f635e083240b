-- No statement query reads statements by the actor column alone (agent filters go through
-- statement_agents); the index only cost a write per ingested statement.
DROP INDEX IF EXISTS statements_actor;
