#!/usr/bin/env python3
"""One Wan2.6 video from Python (PyGObject), inside a GLib main loop.

    python3 examples/wan-generate.py "A red kite over the sea" out.mp4

The key comes from WAN_API_KEY; WAN_PROVIDER and WAN_BASE_URL choose the
provider and its address.  Progress comes from the bus: the wan-task
element message and GST_MESSAGE_PROGRESS.  Exit status: 0 saved, 1 failed.
"""
import os
import sys

import gi

gi.require_version("Gst", "1.0")
from gi.repository import GLib, Gst  # noqa: E402


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    prompt, output = sys.argv[1], sys.argv[2]
    Gst.init(None)
    pipeline = Gst.parse_launch("wanvideosrc name=src ! fakesink")
    src = pipeline.get_by_name("src")
    src.set_property("prompt", prompt)
    src.set_property("location", output)
    if os.environ.get("WAN_PROVIDER"):
        Gst.util_set_object_arg(src, "provider", os.environ["WAN_PROVIDER"])
    if os.environ.get("WAN_BASE_URL"):
        src.set_property("base-url", os.environ["WAN_BASE_URL"])

    loop = GLib.MainLoop()
    result = {"status": 1}

    def on_message(bus, msg):
        if msg.type == Gst.MessageType.ELEMENT:
            s = msg.get_structure()
            if s.get_name() == "wan-task":
                print("task %s: %s %d%%" % (s.get_string("task-id"),
                                            s.get_string("status"),
                                            max(s.get_value("progress"), 0)))
        elif msg.type == Gst.MessageType.PROGRESS:
            _type, code, text = msg.parse_progress()
            print("%s: %s" % (code, text))
        elif msg.type == Gst.MessageType.ERROR:
            err, _debug = msg.parse_error()
            print("error: %s" % err.message, file=sys.stderr)
            loop.quit()
        elif msg.type == Gst.MessageType.EOS:
            print("saved %s" % output)
            result["status"] = 0
            loop.quit()

    bus = pipeline.get_bus()
    bus.add_signal_watch()
    bus.connect("message", on_message)
    if pipeline.set_state(Gst.State.PLAYING) == Gst.StateChangeReturn.FAILURE:
        msg = bus.pop_filtered(Gst.MessageType.ERROR)
        if msg:
            print("error: %s" % msg.parse_error()[0].message, file=sys.stderr)
    else:
        loop.run()
    pipeline.set_state(Gst.State.NULL)
    bus.remove_signal_watch()
    return result["status"]


if __name__ == "__main__":
    sys.exit(main())
