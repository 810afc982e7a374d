"""Claude Code knowledge: settings files, catalog, providers, model selection, resolution,
and the status report with its warnings.

May import: ``ccprofile.machine``, ``ccprofile.startup`` (status reads startup files),
``ccprofile.storage``, ``ccprofile.system`` and ``ccprofile.errors``.
Never ``ccprofile.cli``. Pure modules: ``variables``, ``providers``, ``resolve``,
``warnings``, ``selection``, ``layers``, ``status``, ``report``; ``settings``, ``releases``
and ``reading.read_inputs`` are the edges that read.
"""
