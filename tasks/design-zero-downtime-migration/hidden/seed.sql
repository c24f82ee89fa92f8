-- 20,000 users with the name shapes production has: two words, one word (~5 %), three or more
-- words (particles, middle names), hyphens, apostrophes and accents. Emails are unique ignoring case.
INSERT INTO users (id, email, full_name, created_at)
SELECT i,
       CASE WHEN i % 3 = 0 THEN 'User' || i || '@Example.COM' ELSE 'user' || i || '@example.com' END,
       CASE WHEN i % 20 = 0 THEN (ARRAY['Cher', 'Madonna', 'Prince', 'Björk', 'Zoë'])[1 + i / 20 % 5]
            ELSE (ARRAY['Ada', 'Grace', 'Alan', 'María José', 'Jan', 'Seán', 'Anne', 'Łukasz'])[1 + i % 8]
                 || ' ' ||
                 (ARRAY['Lovelace', 'Brewster Hopper', 'Turing', 'de la Cruz', 'van der Berg', 'O''Neill',
                        'Smith-Jones', 'Nowak', 'Liskov'])[1 + i % 9]
       END,
       TIMESTAMPTZ '2020-01-01 00:00:00+00' + i * INTERVAL '1 hour'
FROM generate_series(1, 20000) AS i;
SELECT setval(pg_get_serial_sequence('users', 'id'), 20000);
