"""Inter-annotator agreement: the measures behind `hamish agree`.

:mod:`~reader.agreement.pairing` groups the documents read from several
annotators' files; :mod:`~reader.agreement.spans_f1` matches their spans in
three modes; :mod:`~reader.agreement.units` and :mod:`~reader.agreement.kappa`
give token-level agreement; :mod:`~reader.agreement.report` puts it all
together.  Nothing here imports Textual.
"""
