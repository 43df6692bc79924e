"""The product's URLs plus a bare page that only renders base.html, the baseline the
page benchmarks compare against."""

from django.shortcuts import render
from django.urls import path

from config.urls import urlpatterns as product_urlpatterns


def bare(request):
    return render(request, "base.html")


urlpatterns = [path("__bench__/bare/", bare), *product_urlpatterns]
