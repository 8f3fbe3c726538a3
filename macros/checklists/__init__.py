"""Floor 4, the printable checklists: the kinds of checklist (kinds.py), each one's
printed-height estimate against one portrait page (printfit.py), the write-in columns and
rows (write_in.py) and the QR code of the page's address (qr.py)."""
