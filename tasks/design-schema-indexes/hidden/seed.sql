-- Graders' data set: 1/20 of the stated production counts for orders and order_items, products and
-- customers kept large enough that an unindexed lookup costs a real scan. Deterministic (no random()).
-- "Now" for the data is 2026-06-01 00:00 UTC.
SET session_replication_role = replica;  -- the rows are valid; skip per-row FK triggers for speed

INSERT INTO customers (id, email, name, country, created_at)
SELECT i, 'user' || i || '@example.com', 'Customer ' || i,
       (ARRAY['DE', 'FR', 'US', 'GB', 'NL', 'PL', 'ES'])[1 + i % 7],
       TIMESTAMPTZ '2023-06-01 00:00:00+00' + (i % 1000) * INTERVAL '1 day'
FROM generate_series(1::bigint, 30000) AS i;

INSERT INTO products (id, sku, name, category, price_cents, created_at)
SELECT i, 'SKU-' || lpad(i::text, 7, '0'), 'Product ' || i, 'cat-' || (i % 100),
       100 + (i * 7919) % 50000,
       TIMESTAMPTZ '2023-01-01 00:00:00+00' + (i % 900) * INTERVAL '1 day'
FROM generate_series(1::bigint, 20000) AS i;

-- 100k orders over two years, ids in time order; pending orders are the last ~2 weeks' unpaid ones.
INSERT INTO orders (id, customer_id, status, total_cents, created_at)
SELECT i, 1 + (i * 7919) % 30000,
       CASE WHEN i % 20 = 0 THEN 'cancelled'
            WHEN i > 98000 AND i % 2 = 0 THEN 'pending'
            WHEN i > 97000 THEN 'paid'
            WHEN i > 95000 THEN 'shipped'
            ELSE 'delivered' END,
       1000 + (i * 104729) % 90000,
       TIMESTAMPTZ '2024-06-01 00:00:00+00' + (i - 1) * INTERVAL '1 second' * 631.0
FROM generate_series(1::bigint, 100000) AS i;

-- 4 lines per order (400k), 4 distinct products per order.
INSERT INTO order_items (id, order_id, product_id, quantity, unit_price_cents)
SELECT (o - 1) * 4 + j, o, 1 + (o * 31 + j * 7919) % 20000, 1 + (o + j) % 3, 100 + (o * j * 13) % 50000
FROM generate_series(1::bigint, 100000) AS o, generate_series(1::bigint, 4) AS j;

SET session_replication_role = origin;
ANALYZE;
