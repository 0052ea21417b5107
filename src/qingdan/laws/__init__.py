"""The law library (法规库, SPEC §4.17): the texts of the laws a registry cites, read from LawRefBook's
Markdown layout, and what a citation's law, article and quotation come to against them.

`document` reads one file (header and articles), `references` an article reference, `quotes` compares a
quotation, `library` holds the laws and their versions, `reading` opens a library folder from any source
(with the parse cache), `resolve` answers for one citation. Read-only input: qingdan never writes a library.
"""
