-- A few rows like the production ones (the graders load ~20,000 of this kind).
INSERT INTO users (email, full_name) VALUES
    ('ada@example.com', 'Ada Lovelace'),
    ('Grace.Hopper@Example.com', 'Grace Brewster Hopper'),
    ('cher@example.com', 'Cher'),
    ('maria@example.org', 'María José de la Cruz'),
    ('jan@example.nl', 'Jan van der Berg'),
    ('sean@example.ie', 'Seán O''Neill'),
    ('anne@example.co.uk', 'Anne Smith-Jones');
