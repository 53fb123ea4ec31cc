// parley: the one header an embedding program includes (being assembled).
#pragma once

#include "parley/io/response_json.h"
#include "parley/io/scenario_reader.h"
#include "parley/io/scenario_writer.h"
#include "parley/mediate/recommend.h"
