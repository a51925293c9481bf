"""Cross-cutting helpers every app may use and that use no app: Indonesian formatting, XLSX
cells, the one chart builder, history rendering and the field validators."""
