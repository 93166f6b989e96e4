"""Adjudication: the core of `hamish review`.

:mod:`~reader.review.conflicts` finds where annotators differ on a document;
:mod:`~reader.review.gold` holds the reviewer's gold version as they settle
each difference, with undo; :mod:`~reader.review.records` writes and reads
back what a gold record says of the review; :mod:`~reader.review.plan` is the
whole review: its documents, the ones left out, the ones accepted unseen.
Nothing here imports Textual.
"""
