#include "parley/fairdiv/goods.h"
