"""Annual-report statistics tables: canonical cells, parsing, 勾稽 findings, storage.

- schema: the canonical cells of both formats (2019 试行, 2021); pure data.
- parser.parse_tables(lines) -> result.TablesResult: the pure parser, built from
  sections (where the tables are), text (cells and numbers), labels (row matching),
  section2/3/4 (reading each table), values (what blanks mean), digits and digit_rows
  (run-together rows), rules (R1–R5) and narrative (R6).
- models and store: the SQL records, replace_tables() and the query helpers.
"""
