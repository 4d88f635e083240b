-- Erasure finds a learner's State and Agent Profile documents by agent without scanning them all.
CREATE INDEX xapi_documents_agent ON xapi_documents (agent);
