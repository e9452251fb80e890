"""Email notifications: who gets what, the daily digest, preferences, and the notifier that
follows the event log and sends each message once."""
