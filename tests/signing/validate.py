"""Validates every signature of a PDF with pyHanko, as a second opinion on the app's own
verifier: prints one JSON object per signature (field, intact, valid, trusted, coverage,
bottom line). Usage: python3 validate.py FILE.pdf ROOT.pem"""

import json
import sys

from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext


def main(path, root):
    context = ValidationContext(trust_roots=[load_cert_from_pemder(root)])
    with open(path, "rb") as f:
        reader = PdfFileReader(f)
        for sig in reader.embedded_signatures:
            status = validate_pdf_signature(sig, context)
            print(
                json.dumps(
                    {
                        "field": sig.field_name,
                        "intact": status.intact,
                        "valid": status.valid,
                        "trusted": status.trusted,
                        "coverage": status.coverage.name,
                        "bottom_line": status.bottom_line,
                        "subfilter": sig.sig_object["/SubFilter"],
                    }
                )
            )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
