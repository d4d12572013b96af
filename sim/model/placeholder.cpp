// Placeholder so the part links before its sources land; removed when they do.
