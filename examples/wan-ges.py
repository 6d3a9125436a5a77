#!/usr/bin/env python3
"""A generated clip in a GES timeline, rendered to Ogg (Theora/Vorbis).

    python3 examples/wan-ges.py "wan://dashscope?prompt=A%20red%20kite" out.ogg

The key comes from WAN_API_KEY.  GES opens the URI three times (discovery,
then once per track); a wan:// URI names one video, so the generation is
paid once and the later openings are served from the cache.
Exit status: 0 rendered, 1 failed.
"""
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstPbutils", "1.0")
gi.require_version("GES", "1.0")
from gi.repository import GES, Gst, GstPbutils  # noqa: E402


def ogg_profile():
    profile = GstPbutils.EncodingContainerProfile.new(
        "ogg", None, Gst.Caps.from_string("application/ogg"), None)
    profile.add_profile(GstPbutils.EncodingVideoProfile.new(
        Gst.Caps.from_string("video/x-theora"), None, None, 0))
    profile.add_profile(GstPbutils.EncodingAudioProfile.new(
        Gst.Caps.from_string("audio/x-vorbis"), None, None, 0))
    return profile


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    uri, output = sys.argv[1], sys.argv[2]
    Gst.init(None)
    GES.init()

    try:
        asset = GES.UriClipAsset.request_sync(uri)
    except Exception as e:  # GLib.Error: the discoverer's message
        print("error: %s" % e, file=sys.stderr)
        return 1
    print("clip: %.2f s" % (asset.get_duration() / Gst.SECOND))

    timeline = GES.Timeline.new_audio_video()
    layer = timeline.append_layer()
    layer.add_asset(asset, 0, 0, asset.get_duration(), GES.TrackType.UNKNOWN)
    timeline.commit()

    pipeline = GES.Pipeline()
    pipeline.set_timeline(timeline)
    pipeline.set_render_settings(Gst.filename_to_uri(output), ogg_profile())
    pipeline.set_mode(GES.PipelineFlags.RENDER)
    bus = pipeline.get_bus()
    pipeline.set_state(Gst.State.PLAYING)
    msg = bus.timed_pop_filtered(Gst.CLOCK_TIME_NONE,
                                 Gst.MessageType.EOS | Gst.MessageType.ERROR)
    pipeline.set_state(Gst.State.NULL)
    if msg.type == Gst.MessageType.ERROR:
        print("error: %s" % msg.parse_error()[0].message, file=sys.stderr)
        return 1
    print("rendered %s" % output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
