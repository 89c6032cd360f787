"""How work runs: in worker processes when it pays (forked) and memos that outlive one build during `serve`."""
