// Handler logs at errors only (unless RATIFY_LOG_LEVEL says otherwise); imported before any handler module loads.
process.env.RATIFY_LOG_LEVEL ??= 'ERROR';
