"""政务公开助手 core library: settings, stores, tables, requests and question answering."""
