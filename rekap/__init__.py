"""Province and national rekap (rollups): figures per satker from the same selectors and engine
as the report, cached under a fingerprint of each satker's data; pages, XLSX and API."""
