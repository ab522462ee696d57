// libxml2 built with ICU declares ICU's converters in its encoding header; Swift's Foundation
// carries its own ICU, whose headers clash with the system's. Nothing here uses libxml2's ICU
// converter fields, so the headers are read without them.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/SAX2.h>
