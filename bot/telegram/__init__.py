"""The Telegram adapter: the Application, its context, gates, routing, jobs, sending and the runner."""
