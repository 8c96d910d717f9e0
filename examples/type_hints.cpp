// "Using type hints": the C++ type is the wire type. put("a", 1) and put(Char{'a'}, 2) are two keys.
#include <iostream>

#include "example_args.hpp"
#include "kindling/kvapi/client.hpp"

int main(int argc, char** argv) try {
    using kindling::Char;
    using kindling::Value;
    kindling::kvapi::Client client;
    client.connect(endpoints_from(argc, argv));
    auto my_cache = client.get_or_create_cache("my cache");
    my_cache.put("my key", std::int64_t{42});  // a Long: 9 bytes
    my_cache.put("my key", std::int16_t{42});  // a Short: 3 bytes (value_hint=ShortObject)
    my_cache.put("a", 1);                      // key 'a' of type String
    my_cache.put(Char{u'a'}, 2);               // another key 'a' of type Char (key_hint=CharObject)
    std::cout << "get('a') = " << *my_cache.get<int>("a") << '\n';               // 1
    std::cout << "get(Char 'a') = " << *my_cache.get<int>(Char{u'a'}) << '\n';  // 2
    my_cache.remove_keys(std::vector<Value>{Value("a"), Value(Char{u'a'})});     // both at once
    std::cout << "after remove_keys: contains 'a' " << std::boolalpha << my_cache.contains_key("a") << ", contains Char 'a' "
              << my_cache.contains_key(Char{u'a'}) << '\n';
    my_cache.destroy();
} catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 1;
}
