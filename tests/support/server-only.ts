// "server-only" throws outside a React Server environment; tests run server modules directly.
export {};
