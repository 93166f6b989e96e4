"""Other annotation tools' files, in and out (no Textual here).

Each reader turns one tool's files into :class:`~reader.formats.model.SourceDoc`
documents (text, spans with code-point offsets, meta, where they came from),
and reports what it could not use to a :class:`~reader.formats.model.Report`.
Each writer turns documents back into one tool's files.  spaCy and
dkpro-cassis are imported only by the formats that need them.
"""
