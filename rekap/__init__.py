"""Province and national rekap (rekap): figures per satker from the same selectors and engine
as the report, cached under a fingerprint of each satker's data; pages, XLSX and API."""
