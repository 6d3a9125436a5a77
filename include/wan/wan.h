/* gst-wan: Wan video generation client, umbrella header */

#ifndef __WAN_H__
#define __WAN_H__

#include <wan/wan-request.h>
#include <wan/wan-client.h>

#endif /* __WAN_H__ */
