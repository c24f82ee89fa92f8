-- Shared tier: every tenant's rows in one set of tables, isolated by row-level security.
-- Runs as tenant_owner (owns the tables); the application connects as tenant_app and sets
-- app.tenant_id per transaction: SELECT set_config('app.tenant_id', $1, true).

CREATE TABLE projects (
    id         bigint      PRIMARY KEY,
    tenant_id  text        NOT NULL,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, id)
);

CREATE TABLE tasks (
    id         bigint      PRIMARY KEY,
    tenant_id  text        NOT NULL,
    project_id bigint      NOT NULL,
    title      text        NOT NULL,
    status     text        NOT NULL CHECK (status IN ('open', 'done')),
    created_at timestamptz NOT NULL DEFAULT now(),
    -- a task can only point at a project of its own tenant
    FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id)
);

CREATE TABLE invoices (
    id           bigint      PRIMARY KEY,
    tenant_id    text        NOT NULL,
    amount_cents bigint      NOT NULL CHECK (amount_cents >= 0),
    issued_at    timestamptz NOT NULL DEFAULT now()
);

-- Every tenant-scoped query filters on tenant_id first.
CREATE INDEX tasks_tenant_project_idx ON tasks (tenant_id, project_id);
CREATE INDEX invoices_tenant_issued_idx ON invoices (tenant_id, issued_at);

-- The tenant of the current transaction; NULL (nothing matches) when the setting is missing
-- or empty, so a request that forgot to set it sees and writes nothing.
CREATE FUNCTION current_tenant() RETURNS text
    LANGUAGE sql STABLE
    AS $$ SELECT nullif(current_setting('app.tenant_id', true), '') $$;

ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects FORCE ROW LEVEL SECURITY;
ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;
ALTER TABLE tasks FORCE ROW LEVEL SECURITY;
ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;
ALTER TABLE invoices FORCE ROW LEVEL SECURITY;

-- USING filters what a statement can see (SELECT, UPDATE, DELETE); WITH CHECK rejects new or
-- changed rows of another tenant (INSERT, UPDATE SET tenant_id = ...).
CREATE POLICY tenant_isolation ON projects
    USING (tenant_id = current_tenant())
    WITH CHECK (tenant_id = current_tenant());
CREATE POLICY tenant_isolation ON tasks
    USING (tenant_id = current_tenant())
    WITH CHECK (tenant_id = current_tenant());
CREATE POLICY tenant_isolation ON invoices
    USING (tenant_id = current_tenant())
    WITH CHECK (tenant_id = current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON projects, tasks, invoices TO tenant_app;
GRANT EXECUTE ON FUNCTION current_tenant() TO tenant_app;
