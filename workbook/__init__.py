"""The data workbook (spec/workbook.md): import with a preview, export, and the template.

- `skema`: the format as data; `reader`: file checks and streaming typed rows;
- `importer.impor_workbook`: plan, report and (when flawless) write;
- `exporter.ekspor_workbook` / `exporter.buat_template`: the same format out.
"""
