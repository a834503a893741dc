"""Konsulta's own signals, for what Pelican's signals cannot say.

``output_written(pelican)``: every page, feed and data file of the build is written (in every
process), the documents' files are published, and the output is not yet in place. A plugin that
writes a file summarising the output (the sitemap) connects here: Pelican's ``finalized`` has no
order among its receivers, and once the build is in place nothing may be written any more.
"""

from blinker import signal

output_written = signal("konsulta_output_written")
