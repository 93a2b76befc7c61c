"""Security posts: the post board (who stands each post now, against its headcount and its
certificates) and the guard's post and next patrol on the home page."""
