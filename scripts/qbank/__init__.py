"""The ML/DL interview question bank: sources → typed bank → bilingual pages (see README)."""
