"""A real SMTP server for the tests (Debian's python3-aiosmtpd): stores each accepted message as a .eml file.

  /usr/bin/python3 scripts/smtp_sink.py PORT FOLDER [FAIL_FIRST]

FAIL_FIRST > 0 makes it answer "451 try again" to the first FAIL_FIRST deliveries of each Message-ID, to test
retries; a recipient whose local part starts with "reject" is refused with "550 no such user" at RCPT.
"""
import asyncio
import email.parser
import os
import sys
import uuid
from collections import Counter

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder, fail_first):
        self.folder = folder
        self.fail_first = fail_first
        self.attempts = Counter()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("reject"):
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        headers = email.parser.BytesHeaderParser().parsebytes(raw)
        message_id = headers.get("Message-ID", "")
        self.attempts[message_id] += 1
        if self.attempts[message_id] <= self.fail_first:
            return "451 4.3.0 Try again later"
        name = uuid.uuid4().hex
        temp = os.path.join(self.folder, name + ".tmp")
        with open(temp, "wb") as f:
            f.write(raw)
        # Written then renamed, so a reader never sees half a message.
        os.rename(temp, os.path.join(self.folder, name + ".eml"))
        return "250 Message accepted"


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    fail_first = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    os.makedirs(folder, exist_ok=True)
    controller = Controller(Sink(folder, fail_first), hostname="127.0.0.1", port=port)
    controller.start()
    print("listening", flush=True)
    try:
        asyncio.new_event_loop().run_forever()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
