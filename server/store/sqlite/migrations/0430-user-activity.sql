-- When each account last signed in: the administrators' user list shows it (docs/operations.md).
ALTER TABLE users ADD COLUMN last_active_at INTEGER;
