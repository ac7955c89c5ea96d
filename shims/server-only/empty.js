// Outside a browser bundle, importing "server-only" does nothing.
