// fmt's compiled part, built into the parley program when it links its
// libraries statically (PARLEY_STATIC_RUNTIME): Debian ships fmt as a shared
// library only, and libfmt.so would load libstdc++.so after all. fmt's
// format-inl.h holds the definitions libfmt.so is built from; the two
// templates below are the ones parley's code calls that the header leaves
// uninstantiated.
#include <fmt/format-inl.h>

template char fmt::detail::decimal_point_impl<char>(fmt::detail::locale_ref);
template fmt::detail::thousands_sep_result<char> fmt::detail::thousands_sep_impl<char>(fmt::detail::locale_ref);
