"""Readers for reports that are not plain text: one module a format (pdf, webpage, word).

Each turns a file's bytes into the markdown-like text the parsers take (`## ` heading
lines, `**…**` bold runs) and raises ReportError for a file it cannot read. They import
their library inside the function that reads, so plain-text reports never load it.
"""
